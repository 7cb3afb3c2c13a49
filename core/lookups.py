"""``field__in=[...]`` on an integer column with a value the column cannot hold (a crafted
``?ids=10000000000000000000000``) matches nothing, as Django's own ``exact``, ``gt`` and
``lt`` lookups already do, instead of failing in the database driver (SQLite: OverflowError;
PostgreSQL: a DataError) with a 500. Django's model choice fields filter with ``pk__in``."""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
