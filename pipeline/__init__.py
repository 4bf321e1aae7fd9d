"""Italian press releases → entities → membership and project records → CSV and JSON.

Stages, data flowing one way: ingest → nlp → normalise → link → export.
"""

__version__ = "0.1.0"
