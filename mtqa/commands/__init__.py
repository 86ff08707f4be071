"""Subcommands other than ``check``: each module has ``add_arguments(parser)`` and ``run(args) -> int``.

They are imported only when their subcommand is used, so ``mtqa check`` stays fast.
"""
