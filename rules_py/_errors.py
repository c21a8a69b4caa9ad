"""The one error type that reaches people: a zh-TW message saying what is wrong and where."""


class InputError(ValueError):
    def __init__(self, message: str, where: str | None = None):
        self.message = message
        self.where = where
        super().__init__(f"{where}：{message}" if where else message)
