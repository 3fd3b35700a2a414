"""Two members ask for the last seat at the same moment, in two real transactions on PostgreSQL:
the event's row lock serves them one after the other, so one gets the seat, the other waits."""

import threading

import pytest
from django.db import connection, connections

from accounts.roles import Role
from events import services
from events.models import Registration

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_members_never_get_the_last_seat_both(make_event, make_member):
    event = make_event(capacity=1)
    first = make_member(Role.SERVANT, email="first@example.kg")
    second = make_member(Role.SERVANT, email="second@example.kg")
    start = threading.Barrier(2)
    errors = []

    def take_the_seat(member):
        try:
            start.wait(timeout=10)
            services.event_register(event=event, user=member)
        except Exception as error:  # noqa: BLE001 (reported by the main thread)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take_the_seat, args=(member,)) for member in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == [Registration.Status.REGISTERED, Registration.Status.WAITING]
