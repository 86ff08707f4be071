"""Names: mention extraction, romanization keys, clustering, gazetteer and morphology.

The only place rapidfuzz is used. Imports run one way: kinds -> names -> document, finding.
"""
