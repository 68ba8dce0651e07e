from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "development"
    verbose_name = "Development plans"

    def ready(self):
        from panels.signals import report_signed_off

        from . import services

        report_signed_off.connect(services.on_report_signed_off, dispatch_uid="development_fix_recommendations")
