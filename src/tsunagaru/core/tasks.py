"""Background tasks of the core: sending a mail again that the mail server could not take."""

from __future__ import annotations

import logging
import smtplib

from django_tasks import task

from tsunagaru.core import mail

logger = logging.getLogger(__name__)


@task()
def mail_retry(*, content: str, sender: str, recipients: list[str], attempt: int) -> None:
    """Try a held mail again; if the server still cannot take it, hold it for the next try."""
    try:
        mail.send_raw(content, sender=sender, recipients=recipients)
    except (smtplib.SMTPException, OSError) as error:
        if isinstance(error, smtplib.SMTPRecipientsRefused) and mail.permanent(error):
            logger.error("Held mail refused for %s: %s", recipients, error)
            return
        logger.warning("Held mail to %s not sent (try %d): %s", recipients, attempt, error)
        mail.hold(content, sender=sender, recipients=recipients, attempt=attempt)
    else:
        logger.info("Held mail to %s sent on try %d", recipients, attempt)
