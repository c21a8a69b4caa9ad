"""The build's steps, called in order by build.py."""


class BuildError(Exception):
    """A step could not go on; the message (zh-TW) names the file and what is wrong."""
