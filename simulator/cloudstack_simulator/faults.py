"""Faults on request: --faults "5xx=0.05,drop=0.02,slow=0.1:2.5,jobfail=0.05,429=0.02:1000,seed=7,only=createZone|addHost".

Each kind takes a rate between 0 and 1 (the share of eligible requests it hits):

- 5xx:     answer HTTP 530 ("Internal error executing command, ...") before doing anything (no effect);
- drop:    do the request, then close the connection without a reply (the action happened, the reply is lost);
- slow:    wait before handling the request; "slow=RATE:SECONDS" (default 2 seconds);
- jobfail: an async job fails (jobstatus 2, jobresultcode 530) and its action is not done;
- 429:     answer HTTP 429 with the api-limit plugin's text "... please retry after [N] ms." before doing
           anything; "429=RATE:MS" sets N (default 1000);
- seed:    the random seed (an integer), so that a run can be repeated: with the same seed and the same
           sequence of requests the same requests get the same faults;
- only:    the commands faults apply to, separated by "|" (default: every command except login, logout,
           queryAsyncJobResult and listApis, so that clients can still log in and poll their jobs).
"""
import random
import threading

KINDS = ("5xx", "drop", "slow", "jobfail", "429")
EXEMPT = {"login", "logout", "queryAsyncJobResult", "listApis"}


def _rate(name, value):
    try:
        rate = float(value)
    except ValueError:
        raise ValueError(f"--faults: rate of {name} must be a number between 0 and 1, got {value!r}") from None
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"--faults: rate of {name} must be between 0 and 1, got {value}")
    return rate


class Faults:
    def __init__(self, spec=None):
        self.spec = (spec or "").strip()
        self.rates = {k: 0.0 for k in KINDS}
        self.slow_seconds = 2.0
        self.retry_after_ms = 1000
        self.only = None
        self.seed = None
        for part in self.spec.split(","):
            part = part.strip()
            if not part:
                continue
            if "=" not in part:
                raise ValueError(f"--faults: '{part}' is not name=value")
            name, value = (x.strip() for x in part.split("=", 1))
            name = name.lower()
            if name == "seed":
                try:
                    self.seed = int(value)
                except ValueError:
                    raise ValueError(f"--faults: seed must be an integer, got {value!r}") from None
            elif name == "only":
                self.only = {v.strip() for v in value.split("|") if v.strip()}
                if not self.only:
                    raise ValueError("--faults: only= needs at least one command name")
            elif name in ("slow", "429") and ":" in value:
                rate, extra = value.split(":", 1)
                self.rates[name] = _rate(name, rate)
                try:
                    number = float(extra)
                except ValueError:
                    number = -1
                if number < 0:
                    raise ValueError(f"--faults: {name}=RATE:{'SECONDS' if name == 'slow' else 'MS'} needs a number >= 0 after ':', got {extra!r}")
                if name == "slow":
                    self.slow_seconds = number
                else:
                    self.retry_after_ms = int(number)
            elif name in self.rates:
                self.rates[name] = _rate(name, value)
            else:
                raise ValueError(f"--faults: unknown fault '{name}' (known: {', '.join(KINDS)}, seed, only)")
        self.rng = random.Random(self.seed)
        self.lock = threading.Lock()
        self.injected = {k: 0 for k in KINDS}

    @property
    def active(self):
        return any(self.rates.values())

    def applies(self, command):
        if self.only is not None:
            return command in self.only
        return command not in EXEMPT

    def roll(self, kind, command):
        if not self.rates[kind] or not self.applies(command):
            return False
        with self.lock:
            hit = self.rng.random() < self.rates[kind]
            if hit:
                self.injected[kind] += 1
            return hit

    def set(self, spec):
        new = Faults(spec)
        with self.lock:
            self.__dict__.update({k: v for k, v in new.__dict__.items() if k != "lock"})

    def reset_counts(self):
        with self.lock:
            self.injected = {k: 0 for k in KINDS}

    def describe(self):
        return {"spec": self.spec, "rates": dict(self.rates), "slow_seconds": self.slow_seconds, "retry_after_ms": self.retry_after_ms,
                "seed": self.seed, "only": sorted(self.only) if self.only is not None else None, "injected": dict(self.injected)}
