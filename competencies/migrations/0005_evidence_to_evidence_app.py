# Evidence moves to the evidence app: state only, the tables stay as they are.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('competencies', '0004_joint_needs_assessment'),
        ('evidence', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='evidence',
                    name='assessment',
                ),
                migrations.RemoveField(
                    model_name='evidence',
                    name='competencies',
                ),
                migrations.RemoveField(
                    model_name='evidence',
                    name='governance_areas',
                ),
                migrations.RemoveField(
                    model_name='evidence',
                    name='uploaded_by',
                ),
                migrations.AlterField(
                    model_name='historicaljointneedsassessment',
                    name='document',
                    field=models.ForeignKey(blank=True, db_constraint=False, help_text='The published JSNA', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='evidence.evidence'),
                ),
                migrations.AlterField(
                    model_name='jointneedsassessment',
                    name='document',
                    field=models.ForeignKey(blank=True, help_text='The published JSNA', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='evidence.evidence'),
                ),
                migrations.RemoveField(
                    model_name='historicalevidence',
                    name='assessment',
                ),
                migrations.RemoveField(
                    model_name='historicalevidence',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalevidence',
                    name='uploaded_by',
                ),
                migrations.DeleteModel(
                    name='Evidence',
                ),
                migrations.DeleteModel(
                    name='HistoricalEvidence',
                ),
            ],
            database_operations=[],
        ),
    ]
