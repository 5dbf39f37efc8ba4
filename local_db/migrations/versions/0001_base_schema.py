"""Base schema: a table per registry kind, sync_state and identity.

Frozen: generated once from local_db/schema.py at this revision and never
edited afterwards. Types are spelled as plain SQLAlchemy types (UtcDateTime
is a DATETIME column in SQLite), so later changes to shared code cannot
change what this revision creates.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('absence_notice',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('pupil_id', sa.Uuid(), nullable=False),
    sa.Column('notice_date', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=40), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_absence_notice'))
    )
    op.create_index('ix_absence_notice_pupil_id', 'absence_notice', ['pupil_id'], unique=False)
    op.create_table('absence_report',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('pupil_id', sa.Uuid(), nullable=False),
    sa.Column('absence_type', sa.String(length=40), nullable=False),
    sa.Column('start_time', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end_time', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reported_by_name', sa.String(length=200), nullable=True),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_absence_report'))
    )
    op.create_index('ix_absence_report_pupil_id', 'absence_report', ['pupil_id'], unique=False)
    op.create_table('activity',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('school_id', sa.Uuid(), nullable=False),
    sa.Column('display_name', sa.String(length=100), nullable=False),
    sa.Column('subject_code', sa.String(length=20), nullable=True),
    sa.Column('subject_name', sa.String(length=100), nullable=True),
    sa.Column('activity_type', sa.String(length=40), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    op.create_index('ix_activity_school_id', 'activity', ['school_id'], unique=False)
    op.create_table('activity_group',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('activity_id', sa.Uuid(), nullable=False),
    sa.Column('group_id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_group'))
    )
    op.create_index('ix_activity_group_activity_id', 'activity_group', ['activity_id'], unique=False)
    op.create_index('ix_activity_group_group_id', 'activity_group', ['group_id'], unique=False)
    op.create_table('activity_teacher',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('activity_id', sa.Uuid(), nullable=False),
    sa.Column('teacher_id', sa.Uuid(), nullable=False),
    sa.Column('grader', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_teacher'))
    )
    op.create_index('ix_activity_teacher_activity_id', 'activity_teacher', ['activity_id'], unique=False)
    op.create_index('ix_activity_teacher_teacher_id', 'activity_teacher', ['teacher_id'], unique=False)
    op.create_table('assessment',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('activity_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('assessment_type', sa.String(length=40), nullable=False),
    sa.Column('assessment_date', sa.Date(), nullable=True),
    sa.Column('planning_unit_id', sa.Uuid(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment'))
    )
    op.create_index('ix_assessment_activity_id', 'assessment', ['activity_id'], unique=False)
    op.create_index('ix_assessment_planning_unit_id', 'assessment', ['planning_unit_id'], unique=False)
    op.create_table('assessment_result',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('pupil_id', sa.Uuid(), nullable=False),
    sa.Column('activity_id', sa.Uuid(), nullable=False),
    sa.Column('grade', sa.String(length=40), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_result'))
    )
    op.create_index('ix_assessment_result_activity_id', 'assessment_result', ['activity_id'], unique=False)
    op.create_index('ix_assessment_result_assessment_id', 'assessment_result', ['assessment_id'], unique=False)
    op.create_index('ix_assessment_result_pupil_id', 'assessment_result', ['pupil_id'], unique=False)
    op.create_table('attendance',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('lesson_id', sa.Uuid(), nullable=False),
    sa.Column('pupil_id', sa.Uuid(), nullable=False),
    sa.Column('activity_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('late_minutes', sa.Integer(), nullable=True),
    sa.Column('left_early_minutes', sa.Integer(), nullable=True),
    sa.Column('comment', sa.String(length=200), nullable=True),
    sa.Column('absence_report_id', sa.Uuid(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance'))
    )
    op.create_index('ix_attendance_absence_report_id', 'attendance', ['absence_report_id'], unique=False)
    op.create_index('ix_attendance_activity_id', 'attendance', ['activity_id'], unique=False)
    op.create_index('ix_attendance_lesson_id', 'attendance', ['lesson_id'], unique=False)
    op.create_index('ix_attendance_pupil_id', 'attendance', ['pupil_id'], unique=False)
    op.create_table('group',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('school_id', sa.Uuid(), nullable=False),
    sa.Column('display_name', sa.String(length=100), nullable=False),
    sa.Column('group_type', sa.String(length=40), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group'))
    )
    op.create_index('ix_group_school_id', 'group', ['school_id'], unique=False)
    op.create_table('group_membership',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('group_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_membership'))
    )
    op.create_index('ix_group_membership_group_id', 'group_membership', ['group_id'], unique=False)
    op.create_index('ix_group_membership_person_id', 'group_membership', ['person_id'], unique=False)
    op.create_table('guardian_relation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('pupil_id', sa.Uuid(), nullable=False),
    sa.Column('guardian_id', sa.Uuid(), nullable=False),
    sa.Column('relation_type', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guardian_relation'))
    )
    op.create_index('ix_guardian_relation_guardian_id', 'guardian_relation', ['guardian_id'], unique=False)
    op.create_index('ix_guardian_relation_pupil_id', 'guardian_relation', ['pupil_id'], unique=False)
    op.create_table('identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=True),
    sa.Column('school_id', sa.Uuid(), nullable=True),
    sa.Column('server_url', sa.String(length=500), nullable=False),
    sa.Column('signed_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('id = 1', name=op.f('ck_identity_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identity'))
    )
    op.create_table('lesson',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('activity_id', sa.Uuid(), nullable=False),
    sa.Column('start_time', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end_time', sa.DateTime(timezone=True), nullable=False),
    sa.Column('room', sa.String(length=50), nullable=True),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('comment', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lesson'))
    )
    op.create_index('ix_lesson_activity_id', 'lesson', ['activity_id'], unique=False)
    op.create_table('lesson_plan',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('lesson_id', sa.Uuid(), nullable=False),
    sa.Column('activity_id', sa.Uuid(), nullable=False),
    sa.Column('planning_unit_id', sa.Uuid(), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('homework', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lesson_plan'))
    )
    op.create_index('ix_lesson_plan_activity_id', 'lesson_plan', ['activity_id'], unique=False)
    op.create_index('ix_lesson_plan_lesson_id', 'lesson_plan', ['lesson_id'], unique=False)
    op.create_index('ix_lesson_plan_planning_unit_id', 'lesson_plan', ['planning_unit_id'], unique=False)
    op.create_table('lesson_registration',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('lesson_id', sa.Uuid(), nullable=False),
    sa.Column('activity_id', sa.Uuid(), nullable=False),
    sa.Column('registered', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lesson_registration'))
    )
    op.create_index('ix_lesson_registration_activity_id', 'lesson_registration', ['activity_id'], unique=False)
    op.create_index('ix_lesson_registration_lesson_id', 'lesson_registration', ['lesson_id'], unique=False)
    op.create_table('person',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('given_name', sa.String(length=100), nullable=False),
    sa.Column('family_name', sa.String(length=100), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('security_marking', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('street_address', sa.String(length=200), nullable=True),
    sa.Column('postal_code', sa.String(length=10), nullable=True),
    sa.Column('locality', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    op.create_table('planning_unit',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('activity_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('aims', sa.Text(), nullable=False),
    sa.Column('central_content', sa.Text(), nullable=False),
    sa.Column('assessment_criteria', sa.Text(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planning_unit'))
    )
    op.create_index('ix_planning_unit_activity_id', 'planning_unit', ['activity_id'], unique=False)
    op.create_table('pupil_note',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('pupil_id', sa.Uuid(), nullable=False),
    sa.Column('activity_id', sa.Uuid(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pupil_note'))
    )
    op.create_index('ix_pupil_note_activity_id', 'pupil_note', ['activity_id'], unique=False)
    op.create_index('ix_pupil_note_pupil_id', 'pupil_note', ['pupil_id'], unique=False)
    op.create_table('school',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('school_unit_code', sa.String(length=20), nullable=True),
    sa.Column('municipality', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school'))
    )
    op.create_table('sync_conflict',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('record_kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('field_name', sa.String(length=60), nullable=True),
    sa.Column('conflict_type', sa.String(length=40), nullable=False),
    sa.Column('activity_id', sa.Uuid(), nullable=False),
    sa.Column('pupil_id', sa.Uuid(), nullable=True),
    sa.Column('current_value', sa.Text(), nullable=True),
    sa.Column('current_by', sa.Uuid(), nullable=True),
    sa.Column('current_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rival_value', sa.Text(), nullable=True),
    sa.Column('rival_by', sa.Uuid(), nullable=True),
    sa.Column('rival_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('addressed_to', sa.Uuid(), nullable=True),
    sa.Column('state', sa.String(length=40), nullable=False),
    sa.Column('resolved_value', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict'))
    )
    op.create_index('ix_sync_conflict_activity_id', 'sync_conflict', ['activity_id'], unique=False)
    op.create_index('ix_sync_conflict_addressed_to', 'sync_conflict', ['addressed_to'], unique=False)
    op.create_index('ix_sync_conflict_current_by', 'sync_conflict', ['current_by'], unique=False)
    op.create_index('ix_sync_conflict_pupil_id', 'sync_conflict', ['pupil_id'], unique=False)
    op.create_index('ix_sync_conflict_rival_by', 'sync_conflict', ['rival_by'], unique=False)
    op.create_table('sync_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cursor', sa.Text(), nullable=True),
    sa.Column('scope_changed', sa.Boolean(), nullable=False),
    sa.Column('scope_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_page_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_sync_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('has_synced_once', sa.Boolean(), nullable=False),
    sa.Column('server_time', sa.DateTime(timezone=True), nullable=True),
    sa.Column('server_hlc', sa.String(length=100), nullable=True),
    sa.CheckConstraint('id = 1', name=op.f('ck_sync_state_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_state'))
    )
    op.create_table('term_grade',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_by', sa.Uuid(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('field_seqs', sa.JSON(), nullable=True),
    sa.Column('pupil_id', sa.Uuid(), nullable=False),
    sa.Column('activity_id', sa.Uuid(), nullable=False),
    sa.Column('term', sa.String(length=6), nullable=False),
    sa.Column('grade', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_term_grade'))
    )
    op.create_index('ix_term_grade_activity_id', 'term_grade', ['activity_id'], unique=False)
    op.create_index('ix_term_grade_pupil_id', 'term_grade', ['pupil_id'], unique=False)
    # The single sync_state row every later step updates in place.
    op.execute("INSERT INTO sync_state (id, scope_changed, has_synced_once) VALUES (1, 0, 0)")


def downgrade() -> None:
    op.drop_index('ix_term_grade_pupil_id', table_name='term_grade')
    op.drop_index('ix_term_grade_activity_id', table_name='term_grade')
    op.drop_table('term_grade')
    op.drop_table('sync_state')
    op.drop_index('ix_sync_conflict_rival_by', table_name='sync_conflict')
    op.drop_index('ix_sync_conflict_pupil_id', table_name='sync_conflict')
    op.drop_index('ix_sync_conflict_current_by', table_name='sync_conflict')
    op.drop_index('ix_sync_conflict_addressed_to', table_name='sync_conflict')
    op.drop_index('ix_sync_conflict_activity_id', table_name='sync_conflict')
    op.drop_table('sync_conflict')
    op.drop_table('school')
    op.drop_index('ix_pupil_note_pupil_id', table_name='pupil_note')
    op.drop_index('ix_pupil_note_activity_id', table_name='pupil_note')
    op.drop_table('pupil_note')
    op.drop_index('ix_planning_unit_activity_id', table_name='planning_unit')
    op.drop_table('planning_unit')
    op.drop_table('person')
    op.drop_index('ix_lesson_registration_lesson_id', table_name='lesson_registration')
    op.drop_index('ix_lesson_registration_activity_id', table_name='lesson_registration')
    op.drop_table('lesson_registration')
    op.drop_index('ix_lesson_plan_planning_unit_id', table_name='lesson_plan')
    op.drop_index('ix_lesson_plan_lesson_id', table_name='lesson_plan')
    op.drop_index('ix_lesson_plan_activity_id', table_name='lesson_plan')
    op.drop_table('lesson_plan')
    op.drop_index('ix_lesson_activity_id', table_name='lesson')
    op.drop_table('lesson')
    op.drop_table('identity')
    op.drop_index('ix_guardian_relation_pupil_id', table_name='guardian_relation')
    op.drop_index('ix_guardian_relation_guardian_id', table_name='guardian_relation')
    op.drop_table('guardian_relation')
    op.drop_index('ix_group_membership_person_id', table_name='group_membership')
    op.drop_index('ix_group_membership_group_id', table_name='group_membership')
    op.drop_table('group_membership')
    op.drop_index('ix_group_school_id', table_name='group')
    op.drop_table('group')
    op.drop_index('ix_attendance_pupil_id', table_name='attendance')
    op.drop_index('ix_attendance_lesson_id', table_name='attendance')
    op.drop_index('ix_attendance_activity_id', table_name='attendance')
    op.drop_index('ix_attendance_absence_report_id', table_name='attendance')
    op.drop_table('attendance')
    op.drop_index('ix_assessment_result_pupil_id', table_name='assessment_result')
    op.drop_index('ix_assessment_result_assessment_id', table_name='assessment_result')
    op.drop_index('ix_assessment_result_activity_id', table_name='assessment_result')
    op.drop_table('assessment_result')
    op.drop_index('ix_assessment_planning_unit_id', table_name='assessment')
    op.drop_index('ix_assessment_activity_id', table_name='assessment')
    op.drop_table('assessment')
    op.drop_index('ix_activity_teacher_teacher_id', table_name='activity_teacher')
    op.drop_index('ix_activity_teacher_activity_id', table_name='activity_teacher')
    op.drop_table('activity_teacher')
    op.drop_index('ix_activity_group_group_id', table_name='activity_group')
    op.drop_index('ix_activity_group_activity_id', table_name='activity_group')
    op.drop_table('activity_group')
    op.drop_index('ix_activity_school_id', table_name='activity')
    op.drop_table('activity')
    op.drop_index('ix_absence_report_pupil_id', table_name='absence_report')
    op.drop_table('absence_report')
    op.drop_index('ix_absence_notice_pupil_id', table_name='absence_notice')
    op.drop_table('absence_notice')
