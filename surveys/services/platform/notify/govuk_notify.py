"""GOV.UK Notify, through its official Python client (imported only when used).

Set up two templates in Notify: an email template whose subject is ``((subject))`` and whose body is
``((body))``, and a text message template whose body is ``((body))``. Put their ids in
NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_SMS_TEMPLATE_ID, and the API key in NOTIFY_API_KEY.
"""

from collections.abc import Mapping

from surveys.services.platform.notify.base import NotifierError


class NotifyNotifier:
    """Sends email and text messages with GOV.UK Notify."""

    name = "notify"

    def __init__(self, api_key: str, email_template_id: str, sms_template_id: str):
        self.api_key = api_key
        self.email_template_id = email_template_id
        self.sms_template_id = sms_template_id
        self._client = None

    @classmethod
    def from_config(cls, config: Mapping) -> "NotifyNotifier":
        """Use NOTIFY_API_KEY, NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_SMS_TEMPLATE_ID."""
        return cls(
            config.get("NOTIFY_API_KEY") or "",
            config.get("NOTIFY_EMAIL_TEMPLATE_ID") or "",
            config.get("NOTIFY_SMS_TEMPLATE_ID") or "",
        )

    def send_email(self, to: str, subject: str, body: str, *, reference: str) -> str:
        """Send through the email template; returns Notify's notification id."""
        template_id = self._need(self.email_template_id, "NOTIFY_EMAIL_TEMPLATE_ID")
        response = self.client.send_email_notification(
            email_address=to, template_id=template_id,
            personalisation={"subject": subject, "body": body}, reference=reference,
        )
        return str(response["id"])

    def send_sms(self, to: str, body: str, *, reference: str) -> str:
        """Send through the text message template; returns Notify's notification id."""
        template_id = self._need(self.sms_template_id, "NOTIFY_SMS_TEMPLATE_ID")
        response = self.client.send_sms_notification(
            phone_number=to, template_id=template_id, personalisation={"body": body}, reference=reference,
        )
        return str(response["id"])

    @property
    def client(self):
        """The Notify API client, made on first use (the package is needed only by services that use Notify)."""
        if self._client is None:
            self._need(self.api_key, "NOTIFY_API_KEY")
            try:
                from notifications_python_client.notifications import NotificationsAPIClient
            except ImportError as error:
                raise NotifierError("Install notifications-python-client to send with GOV.UK Notify") from error
            try:
                self._client = NotificationsAPIClient(self.api_key)
            except AssertionError as error:  # the client checks the key's shape with assert
                raise NotifierError("NOTIFY_API_KEY is not a GOV.UK Notify API key") from error
        return self._client

    @staticmethod
    def _need(value: str, setting: str) -> str:
        if not value:
            raise NotifierError(f"{setting} is not set, so GOV.UK Notify cannot send this message")
        return value
