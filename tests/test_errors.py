import inspect

from marsad import errors


def test_errors_all_derive_from_marsad_error_and_are_drawn_in_docstring() -> None:
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if c.__module__ == errors.__name__]
    for cls in classes:
        assert issubclass(cls, errors.MarsadError)
        assert cls.__name__ in (errors.__doc__ or ""), f"{cls.__name__} missing from the tree in errors.py"


def test_errors_input_error_names_its_source() -> None:
    error = errors.InputError("not valid JSON", source="feed.jsonl:3")
    assert str(error) == "feed.jsonl:3: not valid JSON" and error.status == 422
