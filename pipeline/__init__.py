"""The build's steps, called in order by build.py's build(), and the MkDocs hooks that mkdocs.yml names."""


class BuildError(Exception):
    """A step could not go on; the message (zh-TW) names the file and what is wrong."""
