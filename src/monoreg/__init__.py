"""monoreg: French regional monographs on vocational training, apprenticeship and employment."""

__version__ = "0.1.0"
