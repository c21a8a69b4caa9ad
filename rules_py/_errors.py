"""The two kinds of error: InputError reaches people (a zh-TW message saying what is wrong and where);
RuleGapError is a case no rule decides, a fault to report."""


class InputError(ValueError):
    def __init__(self, message: str, where: str | None = None):
        self.message = message
        self.where = where
        super().__init__(f"{where}：{message}" if where else message)


class RuleGapError(RuntimeError):
    """No rule of the plan decides this case: a fault of the rules, not of the input (exit status 1)."""
