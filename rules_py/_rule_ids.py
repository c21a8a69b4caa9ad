"""The ids of every rule the checker applies; each plan maps them to its own clauses (plan.yaml `rules:`)."""

RULE_IDS = (
    "category.covered",        # 肆: the person's category is covered
    "category.not_covered",    # 肆: teachers, workers, temporary staff are not
    "course.counted",          # a passing row ended within the period and by the deadline
    "course.missing",          # no row of the record is this course
    "course.not_passed",       # rows exist, none passed
    "course.after_deadline",   # passed, but ended after the deadline
    "course.before_period",    # passed, but started before the plan's period
    "bundle.complete",         # every course of the bundle counted
    "bundle.incomplete",       # some course did not
    "offduty.yes",             # no moment of the period is working time
    "offduty.no",              # start or end falls in working time
    "offduty.review",          # start and end off-duty, working time in between
    "offduty.unpaid_leave",    # the period touches 留職停薪
    "leave.eligible",          # complete, covered, every course off-duty
    "leave.expiry",            # 2 years from the day after completion (民法第121條)
    "leave.cap",               # the total is capped
    "reward.complete",         # all bundles complete, covered
    "reward.incomplete",       # some bundle is not complete
    "reward.upload_pending",   # some counting row's upload status is not success
    "match.similar",           # a row matched a course by similar name only
    "match.unmatched",         # a row matched no course
)
