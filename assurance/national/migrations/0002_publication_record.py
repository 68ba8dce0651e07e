"""A publication becomes a record never rewritten: each names the PCTs it made public; withdrawals are their own
records. Existing rows keep their time and embargo; an open one names the PCTs published now, a withdrawn one the PCTs
published between its publication and its withdrawal (from the assessments' history), and gets its withdrawal."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assurance', '0003_assessment_extended_until'),
        ('national', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='publication',
            name='publication_one_open_per_cycle',
        ),
        migrations.CreateModel(
            name='Withdrawal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('withdrawn_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('reason', models.TextField()),
            ],
            options={
                'ordering': ['-withdrawn_at', '-pk'],
            },
        ),
        migrations.AlterModelOptions(
            name='publication',
            options={'ordering': ['-published_at', '-pk']},
        ),
        migrations.AddField(
            model_name='publication',
            name='pcts',
            field=models.ManyToManyField(help_text='The PCTs it made public', related_name='publications', to='assurance.organisation'),
        ),
        migrations.AlterField(
            model_name='publication',
            name='visible_from',
            field=models.DateTimeField(help_text='The embargo: the report cards appear from this time'),
        ),
        migrations.AddField(
            model_name='withdrawal',
            name='cycle',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='withdrawals', to='assurance.cycle'),
        ),
        migrations.AddField(
            model_name='withdrawal',
            name='pcts',
            field=models.ManyToManyField(help_text='The PCTs withdrawn', related_name='withdrawals', to='assurance.organisation'),
        ),
        migrations.AddField(
            model_name='withdrawal',
            name='withdrawn_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
    ]
