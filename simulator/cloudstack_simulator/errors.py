"""CloudStack's error replies: ApiErrorCode (HTTP status = errorcode) and CSExceptionErrorCode."""

# The cserrorcode CloudStack puts beside each errorcode when no more specific exception applies.
DEFAULT_CS_CODE = {
    401: 9999,
    405: 9999,
    429: 9999,  # ApiServer wraps RequestLimitException in a plain ServerApiException
    430: 9999,
    431: 4350,  # InvalidParameterValueException (a handler's refusal); the framework's own 431s carry 9999
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

SERVER_API_CODE = 9999  # ServerApiException thrown by the API layer itself (missing parameter, paging rules, ...)
NO_CS_CODE = 0  # ApiServer.getSerializedApiError(int, ...) (401 replies, login failures) writes no cserrorcode

AUTH_TEXT = "unable to verify user credentials and/or request signature"  # ApiServlet, API-key path
SESSION_AUTH_TEXT = "unable to verify user credentials"  # ApiServlet, session path (bad sessionkey, disabled user)
UNKNOWN_COMMAND_TEXT = "The given command does not exist or it is not available for user"
USER_ERROR_MESSAGE = "Internal error executing command, please contact your system administrator"  # BaseCmd


def rate_limit_text(expire_ms):
    """ApiRateLimitServiceImpl's words when an account is over api.throttling.max."""
    return f"The given user has reached his/her account api limit, please retry after [{int(expire_ms)}] ms."


class ApiError(Exception):
    """Raised by a handler: becomes CloudStack's error envelope with HTTP status = code."""

    def __init__(self, code, text, cserrorcode=None):
        super().__init__(text)
        self.code = int(code)
        self.text = text
        self.cserrorcode = DEFAULT_CS_CODE.get(self.code, 9999) if cserrorcode is None else cserrorcode

    def body(self):
        body = {"uuidList": [], "errorcode": self.code, "cserrorcode": self.cserrorcode, "errortext": self.text}
        if not self.cserrorcode:
            del body["cserrorcode"]
        return body


def param_error(text):
    return ApiError(431, text)


def missing_param(command, name):
    """ParamProcessWorker: a ServerApiException of its own, so cserrorcode 9999."""
    return ApiError(431, f"Unable to execute API command {command.lower()} due to missing parameter {name}", SERVER_API_CODE)


def invalid_value(command, name, value):
    """ParamProcessWorker: a value that does not parse as the parameter's type (integer, long, short)."""
    return ApiError(431, f"Unable to execute API command {command.lower()} due to invalid value {value} for parameter {name}", SERVER_API_CODE)


def invalid_id(command, name, value):
    """What CloudStack answers when a uuid parameter names no object (ParamProcessWorker)."""
    return ApiError(
        431,
        f"Unable to execute API command {command.lower()} due to invalid value. Invalid parameter {name} value={value} "
        "due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.",
        SERVER_API_CODE,
    )


def in_use(text):
    return ApiError(536, text)


def not_found(text):
    return ApiError(431, text)
