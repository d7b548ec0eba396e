"""CloudStack's error replies: ApiErrorCode (HTTP status = errorcode) and CSExceptionErrorCode."""

# The cserrorcode CloudStack puts beside each errorcode when no more specific exception applies.
DEFAULT_CS_CODE = {
    401: 9999,
    405: 9999,
    429: 4545,  # RequestLimitException
    430: 9999,
    431: 4350,  # InvalidParameterValueException
    432: 9999,
    530: 4250,  # CloudRuntimeException
    531: 4365,  # PermissionDeniedException
    532: 4370,  # ResourceAllocationException (account limit)
    533: 4325,  # InsufficientCapacityException
    534: 4380,  # ResourceUnavailableException
    535: 4370,  # ResourceAllocationException
    536: 4375,  # ResourceInUseException
    537: 4360,  # NetworkRuleConflictException
}

AUTH_TEXT = "unable to verify user credentials and/or request signature"
UNKNOWN_COMMAND_TEXT = "The given command does not exist or it is not available for user"


class ApiError(Exception):
    """Raised by a handler: becomes CloudStack's error envelope with HTTP status = code."""

    def __init__(self, code, text, cserrorcode=None):
        super().__init__(text)
        self.code = int(code)
        self.text = text
        self.cserrorcode = cserrorcode or DEFAULT_CS_CODE.get(self.code, 9999)

    def body(self):
        return {"uuidList": [], "errorcode": self.code, "cserrorcode": self.cserrorcode, "errortext": self.text}


def param_error(text):
    return ApiError(431, text)


def missing_param(command, name):
    return ApiError(431, f"Unable to execute API command {command.lower()} due to missing parameter {name}")


def invalid_id(command, name, value):
    """What CloudStack answers when a uuid parameter names no object (ParamProcessWorker)."""
    return ApiError(
        431,
        f"Unable to execute API command {command.lower()} due to invalid value. Invalid parameter {name} value={value} "
        "due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.",
    )


def in_use(text):
    return ApiError(536, text)


def not_found(text):
    return ApiError(431, text)
