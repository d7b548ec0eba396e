"""The simulator's state: one table per resource type, kept in memory, written through to SQLite.

Objects are plain dicts in the shape the API returns them (field names of the API's response);
keys that start with "_" are internal (never sent). One place per resource type: the type name
is the API's object key (zone, pod, cluster, host, storagepool, ...).
"""
import json
import sqlite3
import threading
import uuid


class Store:
    def __init__(self, path=None):
        self.path = path
        self.tables = {}
        self.meta = {}
        self._dirty = {}
        self._lock = threading.RLock()
        self.db = None
        self.fresh = True
        if path:
            self.db = sqlite3.connect(path, check_same_thread=False)
            # WAL: each commit is one append, durable when the process is killed (not on power loss)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS objects (type TEXT, id TEXT, data TEXT, PRIMARY KEY (type, id))")
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            self.db.commit()
            self._load()

    # ---- persistence -------------------------------------------------------------------
    def _load(self):
        rows = self.db.execute("SELECT type, id, data FROM objects ORDER BY rowid").fetchall()
        for type_, id_, data in rows:
            self.tables.setdefault(type_, {})[id_] = json.loads(data)
        for key, value in self.db.execute("SELECT key, value FROM meta"):
            self.meta[key] = json.loads(value)
        self.fresh = not rows and not self.meta

    def commit(self):
        """Write what changed since the last commit (called once per request and per job)."""
        with self._lock:
            if not self.db or not self._dirty:
                self._dirty.clear()
                return
            cur = self.db.cursor()
            for (type_, id_), obj in self._dirty.items():
                if type_ == "__meta__":
                    cur.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (id_, json.dumps(obj)))
                elif obj is None:
                    cur.execute("DELETE FROM objects WHERE type = ? AND id = ?", (type_, id_))
                else:
                    cur.execute(
                        "INSERT INTO objects (type, id, data) VALUES (?, ?, ?) ON CONFLICT(type, id) DO UPDATE SET data = excluded.data",
                        (type_, id_, json.dumps(obj)),
                    )
            self.db.commit()
            self._dirty.clear()

    def close(self):
        """Write everything (also objects changed in place without save()) and close the file."""
        if self.db:
            with self._lock:
                for type_, table in self.tables.items():
                    for id_, obj in table.items():
                        self._dirty.setdefault((type_, id_), obj)
                for key, value in self.meta.items():
                    self._dirty.setdefault(("__meta__", key), value)
        self.commit()
        if self.db:
            self.db.close()
            self.db = None

    # ---- objects ------------------------------------------------------------------------
    @staticmethod
    def new_id():
        return str(uuid.uuid4())

    def next_seq(self, name):
        """A counter that only grows (CloudStack's numeric DB ids: i-2-<seq>-VM, vlan ids, ...)."""
        value = self.meta.get("seq:" + name, 0) + 1
        self.set_meta("seq:" + name, value)
        return value

    def set_meta(self, key, value):
        self.meta[key] = value
        self._dirty[("__meta__", key)] = value

    def table(self, type_):
        return self.tables.setdefault(type_, {})

    def add(self, type_, obj):
        """Insert obj (gets an "id" uuid unless it has one, and a numeric "_seq")."""
        obj.setdefault("id", self.new_id())
        obj.setdefault("_seq", self.next_seq(type_))
        self.table(type_)[obj["id"]] = obj
        self._dirty[(type_, obj["id"])] = obj
        return obj

    def save(self, type_, obj):
        """Mark an object changed in place as dirty (call after mutating it)."""
        self.table(type_)[obj["id"]] = obj
        self._dirty[(type_, obj["id"])] = obj
        return obj

    def delete(self, type_, id_):
        obj = self.table(type_).pop(id_, None)
        if obj is not None:
            self._dirty[(type_, id_)] = None
        return obj

    def get(self, type_, id_):
        if id_ is None:
            return None
        return self.table(type_).get(id_)

    def all(self, type_):
        return list(self.table(type_).values())

    def find(self, type_, **eq):
        """Objects whose fields equal the given values (None matches a missing field)."""
        return [o for o in self.table(type_).values() if all(o.get(k) == v for k, v in eq.items())]

    def first(self, type_, **eq):
        for o in self.table(type_).values():
            if all(o.get(k) == v for k, v in eq.items()):
                return o
        return None

    def count(self, type_, **eq):
        return len(self.find(type_, **eq)) if eq else len(self.table(type_))
