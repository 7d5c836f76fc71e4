-- The seed's example school: 501 students, each linked to the school with demographics and six enrollments, and 22
-- staff who each teach one of six sections (the first six also hold the sections' teacher enrollments). All valid,
-- so the only incidents a scenario can raise are the ones it provokes. Rows are generated with H2's system_range.
insert into schools values ('RIV', 'Riverside High', 'RIV-01', 'RDIST', 'Riverside District');
insert into terms values ('RY2027', 'RIV', '2026-2027', 'SCHOOL_YEAR', date '2026-08-17', date '2027-06-11', null, 2027);
insert into courses values ('RC-ENG', 'RIV', 'RY2027', 'English 9', 'ENG9', '09', 'English', '01001');
insert into sections (section_id, school_id, course_id, term_ids, title, class_code, class_type, location, grades,
        subjects, subject_codes, schedule_type)
    select 'RSEC-' || x, 'RIV', 'RC-ENG', 'RY2027', 'English 9 section ' || x, 'ENG9-' || x, 'SCHEDULED',
        'Room ' || x, '09', 'English', '01001', 'SIMPLE'
    from system_range(1, 6);
insert into section_meetings (section_id, day_of_week, week, start_time, period, location)
    select 'RSEC-' || x, 'MONDAY', 1, time '08:00:00', '' || x, 'Room ' || x from system_range(1, 6);
insert into people (person_id, role, username, enabled, given_name, family_name, middle_name, identifier, email, sms,
        phone, grades, sis_user_id, password)
    select 'RT' || x, 'TEACHER', 'teacher' || x, true, 'Tessaly', 'Staffington' || x, null, 'EMP-' || x, null, null,
        null, null, 'RT' || x, null
    from system_range(1, 22);
insert into people (person_id, role, username, enabled, given_name, family_name, middle_name, identifier, email, sms,
        phone, grades, sis_user_id, password)
    select 'RS' || x, 'STUDENT', 'student' || x, true, 'Rowena', 'Riverbank' || x, null, 'ST-' || x, null, null,
        null, '09', 'RS' || x, null
    from system_range(1, 501);
insert into person_schools (person_id, school_id) select person_id, 'RIV' from people;
insert into enrollments (enrollment_id, section_id, person_id, role, is_primary, begin_date, end_date)
    select 'RE-T' || x, 'RSEC-' || x, 'RT' || x, 'TEACHER', true, date '2026-08-17', date '2027-06-11'
    from system_range(1, 6);
insert into enrollments (enrollment_id, section_id, person_id, role, is_primary, begin_date, end_date)
    select 'RE-' || s.x || '-' || k.x, 'RSEC-' || k.x, 'RS' || s.x, 'STUDENT', false, date '2026-08-17',
        date '2027-06-11'
    from system_range(1, 501) s cross join system_range(1, 6) k;
insert into demographics (person_id, birth_date, sex, american_indian_or_alaska_native, asian,
        black_or_african_american, native_hawaiian_or_other_pacific_islander, white, two_or_more_races,
        hispanic_or_latino, country_of_birth_code, state_of_birth_abbreviation, city_of_birth,
        public_school_residence_status)
    select 'RS' || x, date '2011-01-01', case when mod(x, 2) = 0 then 'female' else 'male' end, false, false, false,
        false, true, false, false, 'US', 'CA', 'Sacramento', null
    from system_range(1, 501);
