"""Background tasks (django-tasks). Run the worker with `python manage.py db_worker`."""

from django_tasks import task

from portal import mail


@task()
def deliver_email(email_id):
    return mail.deliver(email_id)
