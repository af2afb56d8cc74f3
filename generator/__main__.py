"""`python -m generator` is the same program as the `warta` command."""

from generator.cli import run

if __name__ == "__main__":
    run()
