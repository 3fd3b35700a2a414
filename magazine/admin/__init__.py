"""The magazine in the admin, made comfortable for editors.

- issues: an issue with its PDF editions and table of contents inline (contents), translated
  fields in language tabs and the prose editor of the library (practices.admin.base), and a
  preview of its page on the site; its status changes only through the buttons and bulk actions
  of publication, which call magazine.publishing (publish now, schedule, back to draft).
- orders: plans, subscriptions, single-issue purchases and payments; confirming a payment is a
  bulk action that calls magazine.payments.confirm_payment.
- exports: the print mailing list of a month as CSV, and the report page (active subscriptions
  by plan, revenue by month as a chart), both computed in magazine.reports.

Importing the modules registers their ModelAdmins.
"""

from magazine.admin import contents, issues, orders  # noqa: F401 (registers the ModelAdmins)
