"""Faults on request: --faults "5xx=0.05,drop=0.02,slow=0.1:2.5,jobfail=0.05,429=0.02,seed=7,only=createZone|addHost".

- 5xx:   answer HTTP 530 before doing anything (the request had no effect);
- drop:  do the request, then close the connection without a reply (the action happened);
- slow:  wait the given seconds (default 2) before answering;
- jobfail: an async job fails with 530 (its action not done);
- 429:   answer 429 "... please retry after [N] ms." before doing anything;
- seed:  the random seed, so a run can be repeated; only: the commands faults apply to
  (default all but login, logout and queryAsyncJobResult).
"""
import random
import threading

KINDS = ("5xx", "drop", "slow", "jobfail", "429")
EXEMPT = {"login", "logout", "queryAsyncJobResult", "listApis"}


class Faults:
    def __init__(self, spec=None):
        self.rates = {k: 0.0 for k in KINDS}
        self.slow_seconds = 2.0
        self.only = None
        seed = None
        for part in (spec or "").split(","):
            part = part.strip()
            if not part:
                continue
            if "=" not in part:
                raise ValueError(f"--faults: '{part}' is not name=value")
            name, value = part.split("=", 1)
            name = name.strip().lower()
            if name == "seed":
                seed = int(value)
            elif name == "only":
                self.only = {v for v in value.split("|") if v}
            elif name == "slow" and ":" in value:
                rate, secs = value.split(":", 1)
                self.rates["slow"] = float(rate)
                self.slow_seconds = float(secs)
            elif name in self.rates:
                self.rates[name] = float(value)
            else:
                raise ValueError(f"--faults: unknown fault '{name}' (known: {', '.join(KINDS)}, seed, only)")
            if name in self.rates and not 0.0 <= self.rates[name] <= 1.0:
                raise ValueError(f"--faults: rate of {name} must be between 0 and 1, got {value}")
        self.rng = random.Random(seed)
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
        self.__dict__.update(new.__dict__)
