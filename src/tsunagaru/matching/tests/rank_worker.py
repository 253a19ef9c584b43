"""A second (and third) process for test_index: ranks needs and saves offers on request.

Reads one JSON command a line on stdin and answers one JSON line on stdout, as a web worker
would serve pages: {"rank": need_id} → [[group id, [[reason kind, words…], …]], …];
{"offer": [group id, user id, title]} → {"saved": offer id}. The database and the stored
index come from the environment (DATABASE_URL, MATCHING_INDEX_DIR), as for the site.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagaru.settings")
    import django

    django.setup()
    from tsunagaru.accounts.models import User
    from tsunagaru.matching import selectors
    from tsunagaru.partners import services
    from tsunagaru.partners.models import Need, Offer, Organisation

    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if "rank" in command:
            need = Need.objects.get(pk=command["rank"])
            answer: object = [
                [s.organisation.pk, [[r.kind, *r.words] for r in s.reasons]]
                for s in selectors.suggestions_for_need(need)
            ]
        else:
            group, user, title = command["offer"]
            offer = services.offer_save(
                offer=Offer(organisation=Organisation.objects.get(pk=group)),
                data={
                    "category": "skill",
                    "title": title,
                    "description": "",
                    "activity_fields": [],
                },
                by=User.objects.get(pk=user),
            )
            answer = {"saved": offer.pk}
        print(json.dumps(answer, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
