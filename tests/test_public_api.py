import marsad


def test_public_api_all_is_sorted_and_complete() -> None:
    assert marsad.__all__ == sorted(marsad.__all__)
    for name in marsad.__all__:
        assert hasattr(marsad, name), name
    public = {n for n in dir(marsad) if not n.startswith("_") and n[0].isupper()}
    assert public <= set(marsad.__all__) | {"SCHEMA"}
