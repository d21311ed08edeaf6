"""The publication formats: a self-contained web page (``html``), a tagged PDF (``pdf``)
and a Word document (``docx``), with the charts they share and the national overview page
of a many-forces run."""
