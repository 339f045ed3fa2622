"""Screening on Apache Spark, for inputs that outgrow one machine.

:func:`screen_dataframe` screens a Spark DataFrame of holdings or supplier rows with the same
engine as ``countersight screen``: the driver builds the match index once and ships it, with
a snapshot of the store, to the executors; each partition is screened by
:func:`countersight.service.screening.screen` itself, so a row gets exactly the status and
matches it gets on one machine. :func:`spark_screen` reads a file, writes the rows and
returns the summary (``countersight spark-screen``).

PySpark is an optional dependency (``pip install countersight[spark]``); importing this
package does not import it.
"""

from countersight.spark.job import SparkScreening, screen_dataframe, spark_screen

__all__ = ["SparkScreening", "screen_dataframe", "spark_screen"]
