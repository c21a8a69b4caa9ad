"""Small build steps called by build.py."""
