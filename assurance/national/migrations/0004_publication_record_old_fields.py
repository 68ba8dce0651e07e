"""The fields of the old, rewritable publication row go (their content moved in 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("national", "0003_publication_record_data")]

    operations = [
        migrations.RemoveField(
            model_name='publication',
            name='pct_count',
        ),
        migrations.RemoveField(
            model_name='publication',
            name='withdrawn_at',
        ),
        migrations.RemoveField(
            model_name='publication',
            name='withdrawn_by',
        ),
        migrations.RemoveField(
            model_name='publication',
            name='withdrawn_reason',
        ),
    ]
