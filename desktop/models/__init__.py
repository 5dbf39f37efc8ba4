"""Qt item models over frozen values from local_db.views; no widgets here,
so each model is tested alone with QAbstractItemModelTester."""
