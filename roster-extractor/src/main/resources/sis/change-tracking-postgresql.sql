-- Change tracking for our canonical schema on PostgreSQL, run after schema.sql: every table gets updated_at, set
-- on insert and by a trigger on update, and every deletion is logged in deleted_records. See change-tracking-h2.sql.

create table if not exists deleted_records (
    entity     varchar(20) not null,
    record_id  varchar(64) not null,
    deleted_at timestamp   default localtimestamp not null
);
create index if not exists idx_deleted_records_at on deleted_records (deleted_at);

create or replace function rostersync_touch() returns trigger language plpgsql as $$
begin new.updated_at := localtimestamp; return new; end $$;

-- Trigger arguments: the entity name, then the column holding the record's id.
create or replace function rostersync_log_deletion() returns trigger language plpgsql as $$
begin insert into deleted_records (entity, record_id) values (tg_argv[0], to_jsonb(old) ->> tg_argv[1]); return old; end $$;

alter table terms add column if not exists updated_at timestamp default localtimestamp not null;
create index if not exists idx_terms_updated on terms (updated_at);
create or replace trigger terms_touched before update on terms for each row execute function rostersync_touch();
create or replace trigger terms_deleted after delete on terms for each row execute function rostersync_log_deletion('term', 'term_id');
alter table courses add column if not exists updated_at timestamp default localtimestamp not null;
create index if not exists idx_courses_updated on courses (updated_at);
create or replace trigger courses_touched before update on courses for each row execute function rostersync_touch();
create or replace trigger courses_deleted after delete on courses for each row execute function rostersync_log_deletion('course', 'course_id');
alter table sections add column if not exists updated_at timestamp default localtimestamp not null;
create index if not exists idx_sections_updated on sections (updated_at);
create or replace trigger sections_touched before update on sections for each row execute function rostersync_touch();
create or replace trigger sections_deleted after delete on sections for each row execute function rostersync_log_deletion('section', 'section_id');
alter table section_meetings add column if not exists updated_at timestamp default localtimestamp not null;
create index if not exists idx_section_meetings_updated on section_meetings (updated_at);
create or replace trigger section_meetings_touched before update on section_meetings for each row execute function rostersync_touch();
create or replace trigger section_meetings_deleted after delete on section_meetings for each row execute function rostersync_log_deletion('meeting', 'section_id');
alter table people add column if not exists updated_at timestamp default localtimestamp not null;
create index if not exists idx_people_updated on people (updated_at);
create or replace trigger people_touched before update on people for each row execute function rostersync_touch();
create or replace trigger people_deleted after delete on people for each row execute function rostersync_log_deletion('person', 'person_id');
alter table person_schools add column if not exists updated_at timestamp default localtimestamp not null;
create index if not exists idx_person_schools_updated on person_schools (updated_at);
create or replace trigger person_schools_touched before update on person_schools for each row execute function rostersync_touch();
create or replace trigger person_schools_deleted after delete on person_schools for each row execute function rostersync_log_deletion('personSchool', 'person_id');
alter table enrollments add column if not exists updated_at timestamp default localtimestamp not null;
create index if not exists idx_enrollments_updated on enrollments (updated_at);
create or replace trigger enrollments_touched before update on enrollments for each row execute function rostersync_touch();
create or replace trigger enrollments_deleted after delete on enrollments for each row execute function rostersync_log_deletion('enrollment', 'enrollment_id');
alter table demographics add column if not exists updated_at timestamp default localtimestamp not null;
create index if not exists idx_demographics_updated on demographics (updated_at);
create or replace trigger demographics_touched before update on demographics for each row execute function rostersync_touch();
create or replace trigger demographics_deleted after delete on demographics for each row execute function rostersync_log_deletion('demographics', 'person_id');
