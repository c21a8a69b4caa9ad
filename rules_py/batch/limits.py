"""Every limit of the batch check, in one place (the page and the CLI read them from here).

They keep one hostile file (a zip bomb, a roster declaring a million rows) from taking the
officer's browser or machine down with it: past a limit, that file becomes one row saying why."""

MAX_FILES = 10000                    # records in one batch (files given plus zip members): the city-sized
                                     # batch that bench/batch.py runs in the page
MAX_FILE_BYTES = 5 * 1024 * 1024     # one record, as rules_py itself refuses larger ones
MAX_ZIP_BYTES = 200 * 1024 * 1024    # all members of one .zip (or one .ods/.xlsx), uncompressed
MAX_ZIP_MEMBERS = 10000              # members of one .zip (a whole batch in one)
MAX_ZIP_RATIO = 200                  # uncompressed / compressed size of one member: more is a bomb
MAX_ROSTER_BYTES = 10 * 1024 * 1024  # the roster file itself
MAX_ROSTER_ROWS = 10000              # people in one roster
MAX_ROSTER_COLUMNS = 64              # columns read from a roster (a sheet may declare thousands)
MAX_PROFILE_BYTES = 5 * 1024 * 1024  # one person's profile file
MAX_ATTENDANCE_ROWS = 200000         # entries in one attendance export (a year of a large agency's)
MAX_ATTENDANCE_BYTES = 50 * 1024 * 1024
# The page reads no more of any one file than this (the largest of the above, plus one byte to tell "too big").
MAX_READ_BYTES = max(MAX_FILE_BYTES, MAX_ZIP_BYTES, MAX_ROSTER_BYTES, MAX_PROFILE_BYTES, MAX_ATTENDANCE_BYTES) + 1
