"""The analyser is used from several threads at once (runserver, threaded servers, tests)."""

from __future__ import annotations

import threading

from tsunagaru.text.analyser import tokenise


def test_two_threads_tokenise_at_the_same_time_without_an_error():
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work() -> None:
        start.wait()
        try:
            for _ in range(200):
                tokenise("高齢者の見守りと子ども食堂の担い手を探しています")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
