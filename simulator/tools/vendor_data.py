#!/usr/bin/env python3
"""Copy the CloudStack API description and the fresh-install defaults into the simulator.

The simulator must run from a clone of this repository alone, so the two data files it is
built on are vendored (gzipped, byte-for-byte the JSON of shared/):

    shared/cloudstack-api/cloudstack-api-4.18.json  -> data/cloudstack-api-4.18.json.gz
    shared/reference/defaults.json                  -> data/defaults.json.gz

Run it again when shared/ changes:  python simulator/tools/vendor_data.py ../shared
"""
import gzip
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parent / "cloudstack_simulator" / "data"
FILES = {
    "cloudstack-api/cloudstack-api-4.18.json": "cloudstack-api-4.18.json.gz",
    "reference/defaults.json": "defaults.json.gz",
}


def main(argv):
    shared = pathlib.Path(argv[1] if len(argv) > 1 else HERE.parents[2] / "shared")
    for src, dst in FILES.items():
        raw = (shared / src).read_bytes()
        # mtime=0: the same input gives the same bytes, so git sees no change on a re-run
        (DATA / dst).write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
        print(f"{shared / src} -> {DATA / dst}")


if __name__ == "__main__":
    main(sys.argv)
