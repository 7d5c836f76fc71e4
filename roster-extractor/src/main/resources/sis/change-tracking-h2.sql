-- Change tracking for our canonical schema on H2 (the demo SIS, the tests, the benchmark), run after schema.sql:
-- every table gets updated_at, set on insert and on update, and every deletion is logged in deleted_records by
-- H2DeletionLog. With source.jdbc.changeTracking a cycle then reads only rows changed since the last one.
-- PostgreSQL: change-tracking-postgresql.sql. A real SIS provides the same two things its own way.

create table if not exists deleted_records (
    entity     varchar(20) not null, -- the extractor's query name: term, course, section, meeting, person, ...
    record_id  varchar(64) not null, -- the record's id (a meeting's section, a person-school link's person)
    deleted_at timestamp   default localtimestamp not null
);
create index if not exists idx_deleted_records_at on deleted_records (deleted_at);

alter table terms add column if not exists updated_at timestamp default localtimestamp on update localtimestamp not null;
create index if not exists idx_terms_updated on terms (updated_at);
create trigger if not exists terms_deleted after delete on terms for each row call 'com.rostersync.extractor.source.jdbc.H2DeletionLog';
alter table courses add column if not exists updated_at timestamp default localtimestamp on update localtimestamp not null;
create index if not exists idx_courses_updated on courses (updated_at);
create trigger if not exists courses_deleted after delete on courses for each row call 'com.rostersync.extractor.source.jdbc.H2DeletionLog';
alter table sections add column if not exists updated_at timestamp default localtimestamp on update localtimestamp not null;
create index if not exists idx_sections_updated on sections (updated_at);
create trigger if not exists sections_deleted after delete on sections for each row call 'com.rostersync.extractor.source.jdbc.H2DeletionLog';
alter table section_meetings add column if not exists updated_at timestamp default localtimestamp on update localtimestamp not null;
create index if not exists idx_section_meetings_updated on section_meetings (updated_at);
create trigger if not exists section_meetings_deleted after delete on section_meetings for each row call 'com.rostersync.extractor.source.jdbc.H2DeletionLog';
alter table people add column if not exists updated_at timestamp default localtimestamp on update localtimestamp not null;
create index if not exists idx_people_updated on people (updated_at);
create trigger if not exists people_deleted after delete on people for each row call 'com.rostersync.extractor.source.jdbc.H2DeletionLog';
alter table person_schools add column if not exists updated_at timestamp default localtimestamp on update localtimestamp not null;
create index if not exists idx_person_schools_updated on person_schools (updated_at);
create trigger if not exists person_schools_deleted after delete on person_schools for each row call 'com.rostersync.extractor.source.jdbc.H2DeletionLog';
alter table enrollments add column if not exists updated_at timestamp default localtimestamp on update localtimestamp not null;
create index if not exists idx_enrollments_updated on enrollments (updated_at);
create trigger if not exists enrollments_deleted after delete on enrollments for each row call 'com.rostersync.extractor.source.jdbc.H2DeletionLog';
alter table demographics add column if not exists updated_at timestamp default localtimestamp on update localtimestamp not null;
create index if not exists idx_demographics_updated on demographics (updated_at);
create trigger if not exists demographics_deleted after delete on demographics for each row call 'com.rostersync.extractor.source.jdbc.H2DeletionLog';
