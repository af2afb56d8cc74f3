"""`python -m generator` is the same program as the `warta` command."""

from generator.cli import main

if __name__ == "__main__":
    main()
