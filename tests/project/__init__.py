"""Tests of the project as a whole: the wheel, the environment files, the import graph, the
notebooks and deploy/."""
