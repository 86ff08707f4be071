"""LanguageTool for mtqa: a real LanguageTool HTTP server on loopback, fetched with Maven.

- ``server``: fetch the pinned jars (``pom.xml`` here), start, stop and find the server;
- ``client``: send paragraphs in large batches, cache the answers by paragraph and version;
- ``findings``: LanguageTool matches -> ``Finding``s, minus what mtqa already explains;
- ``session``: all of it for one ``mtqa check --grammar`` run.

Imported only when ``--grammar`` or ``mtqa languagetool`` is used. Every failure
is a ``LanguageToolError`` whose message is one line saying what to do.
"""

from __future__ import annotations


class LanguageToolError(RuntimeError):
    """LanguageTool could not run; ``str()`` is one line saying what to do."""
