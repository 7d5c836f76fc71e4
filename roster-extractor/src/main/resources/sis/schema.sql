-- Our canonical SIS schema: what the extractor reads by default over JDBC. A real SIS maps its own views onto these
-- result shapes with per-tenant SQL (source.jdbc.queries), so column names below are the contract, not the tables.
-- List columns (grades, subjects, term ids) hold comma-separated values. Runs on H2 and PostgreSQL.

create table if not exists schools (
    school_id      varchar(64)  primary key,
    name           varchar(200) not null,
    identifier     varchar(64),
    district_id    varchar(64),
    district_name  varchar(200)
);

create table if not exists terms (
    term_id        varchar(64)  primary key,
    school_id      varchar(64)  not null references schools (school_id),
    title          varchar(200) not null,
    term_type      varchar(20)  not null, -- SCHOOL_YEAR, SEMESTER, TERM, GRADING_PERIOD
    start_date     date         not null,
    end_date       date         not null,
    parent_term_id varchar(64),
    school_year    integer      not null  -- the ending year, as OneRoster counts it
);

create table if not exists courses (
    course_id           varchar(64)  primary key,
    school_id           varchar(64)  not null references schools (school_id),
    school_year_term_id varchar(64),
    title               varchar(200) not null,
    course_code         varchar(64),
    grades              varchar(200),
    subjects            varchar(400),
    subject_codes       varchar(400)
);

create table if not exists sections (
    section_id     varchar(64)  primary key,
    school_id      varchar(64)  not null references schools (school_id),
    course_id      varchar(64)  not null references courses (course_id),
    term_ids       varchar(400) not null,
    title          varchar(200) not null,
    class_code     varchar(64),
    class_type     varchar(20)  not null, -- HOMEROOM, SCHEDULED
    location       varchar(100),
    grades         varchar(200),
    subjects       varchar(400),
    subject_codes  varchar(400),
    schedule_type  varchar(10)  not null  -- SIMPLE, WEEKLY, BIWEEKLY
);

create table if not exists section_meetings (
    section_id   varchar(64)  not null references sections (section_id),
    day_of_week  varchar(9)   not null, -- MONDAY .. SUNDAY
    week         integer      not null default 1, -- 1 or 2 on a bi-weekly schedule
    start_time   time         not null,
    period       varchar(20),
    location     varchar(100),
    primary key (section_id, day_of_week, week, start_time)
);

create table if not exists people (
    person_id    varchar(64)  primary key,
    role         varchar(20)  not null, -- STUDENT, TEACHER, ADMINISTRATOR, AIDE, ...
    username     varchar(200) not null,
    enabled      boolean      not null default true,
    given_name   varchar(200) not null,
    family_name  varchar(200) not null,
    middle_name  varchar(200),
    identifier   varchar(64),
    email        varchar(320),
    sms          varchar(40),
    phone        varchar(40),
    grades       varchar(200),
    sis_user_id  varchar(64),
    password     varchar(200) -- the SIS keeps it; the extractor never selects it
);

-- A person belongs to one or more schools (a teacher may teach in two).
create table if not exists person_schools (
    person_id  varchar(64) not null references people (person_id),
    school_id  varchar(64) not null references schools (school_id),
    primary key (person_id, school_id)
);

create table if not exists enrollments (
    enrollment_id varchar(64) primary key,
    section_id    varchar(64) not null references sections (section_id),
    person_id     varchar(64) not null references people (person_id),
    role          varchar(20) not null, -- STUDENT, TEACHER, ADMINISTRATOR, PROCTOR
    is_primary    boolean,
    begin_date    date,
    end_date      date
);

create table if not exists demographics (
    person_id                                varchar(64) primary key references people (person_id),
    birth_date                               date,
    sex                                      varchar(20),
    american_indian_or_alaska_native         boolean,
    asian                                    boolean,
    black_or_african_american                boolean,
    native_hawaiian_or_other_pacific_islander boolean,
    white                                    boolean,
    two_or_more_races                        boolean,
    hispanic_or_latino                       boolean,
    country_of_birth_code                    varchar(10),
    state_of_birth_abbreviation              varchar(10),
    city_of_birth                            varchar(100),
    public_school_residence_status           varchar(100)
);

create index if not exists idx_enrollments_section on enrollments (section_id);
create index if not exists idx_person_schools_school on person_schools (school_id);
create index if not exists idx_meetings_section on section_meetings (section_id);
-- A tenant's full read asks for its own schools' rows (SisQueries.full): one database may hold a platform's districts.
create index if not exists idx_terms_school on terms (school_id);
create index if not exists idx_courses_school on courses (school_id);
create index if not exists idx_sections_school on sections (school_id);
