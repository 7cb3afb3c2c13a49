"""`make bench-scale`: the million-referral figures (seeding, the queue's pages, the CSV
export at 1,000,000 referrals), written to bench/SCALE.md. The same phases as `make bench`
at ten times the data; see bench/run_all.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run_all

if __name__ == "__main__":
    sys.argv = [sys.argv[0], "--scale", *sys.argv[1:]]
    run_all.main()
