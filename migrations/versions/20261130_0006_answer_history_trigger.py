"""Answer history kept by the database: a trigger copies each replaced answer

Revision ID: 0006_answer_history
Revises: 0005_review_signoff
Create Date: 2026-11-30 21:40:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006_answer_history'
down_revision = '0005_review_signoff'
branch_labels = None
depends_on = None

# A copy of ANSWER_HISTORY_TRIGGERS in vendorrisk/assessments/models.py, not an import:
# a migration must not change when the models do.
COLUMNS = ("answer_id, version, value, not_applicable, justification, comment, changed_at, "
           "changed_by_id")
OLD_ROW = ("OLD.id, OLD.version, OLD.value, OLD.not_applicable, OLD.justification, "
           "OLD.comment, OLD.updated_at, OLD.updated_by_id")
TRIGGERS = {
    "sqlite": [
        f"""CREATE TRIGGER assessment_answers_history AFTER UPDATE ON assessment_answers
        FOR EACH ROW WHEN OLD.version <> NEW.version BEGIN
        INSERT INTO assessment_answer_revisions ({COLUMNS}) VALUES ({OLD_ROW}); END""",
    ],
    "postgresql": [
        f"""CREATE OR REPLACE FUNCTION assessment_answers_history() RETURNS trigger AS $$
        BEGIN INSERT INTO assessment_answer_revisions ({COLUMNS}) VALUES ({OLD_ROW});
        RETURN NULL; END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER assessment_answers_history AFTER UPDATE ON assessment_answers
        FOR EACH ROW WHEN (OLD.version <> NEW.version)
        EXECUTE FUNCTION assessment_answers_history()""",
    ],
}
DROP = {
    "sqlite": ["DROP TRIGGER IF EXISTS assessment_answers_history"],
    "postgresql": ["DROP TRIGGER IF EXISTS assessment_answers_history ON assessment_answers",
                   "DROP FUNCTION IF EXISTS assessment_answers_history()"],
}


def upgrade():
    for statement in TRIGGERS.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def downgrade():
    for statement in DROP.get(op.get_bind().dialect.name, []):
        op.execute(statement)
