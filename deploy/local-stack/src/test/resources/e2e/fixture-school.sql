-- The end-to-end fixture: one small school whose every row is asserted in the uploaded files. Awkward on purpose: an
-- accented name with an apostrophe, a family name with a comma, a section meeting Mon/Wed/Fri at three different
-- times (only the earliest period may reach classes.csv), SIS passwords that must never reach users.csv, and one
-- invalid record (the teacher's demographics: sex 'unknown') that must be left out with a VALIDATION outcome.
insert into schools values ('FIX', 'Fixture Academy', 'FIX-01', 'DIST', 'Fixture District');
insert into terms values ('Y2027', 'FIX', '2026-2027', 'SCHOOL_YEAR', date '2026-08-17', date '2027-06-11', null, 2027);
insert into terms values ('F2026', 'FIX', 'Fall 2026', 'SEMESTER', date '2026-08-17', date '2026-12-18', 'Y2027', 2027);
insert into courses values ('C-MATH', 'FIX', 'Y2027', 'Algebra I', 'ALG1', '09', 'Mathematics', '02052');
insert into sections values ('SEC-MWF', 'FIX', 'C-MATH', 'F2026', 'Algebra I (MWF)', 'ALG1-1', 'SCHEDULED', 'Room 101', '09', 'Mathematics', '02052', 'WEEKLY');
insert into section_meetings values ('SEC-MWF', 'MONDAY', 1, time '09:00:00', '2', 'Room 101');
insert into section_meetings values ('SEC-MWF', 'WEDNESDAY', 1, time '10:00:00', '3', 'Room 101');
insert into section_meetings values ('SEC-MWF', 'FRIDAY', 1, time '11:00:00', '4', 'Room 101');
insert into people values ('T1', 'TEACHER', 'mokafor', true, 'Miriam', 'Okafor', null, 'EMP-1', 'mokafor@fixture.example.org', null, '+1-916-555-0100', null, 'T1', 'teacher-secret');
insert into people values ('S1', 'STUDENT', 'zobrien', true, 'Zoë', 'O''Brien', 'Anne', 'ST-1', null, null, null, '09', 'S1', 'student-secret');
insert into people values ('S2', 'STUDENT', 'mking', true, 'Martin', 'King, Jr.', null, 'ST-2', null, null, null, '09', 'S2', null);
insert into person_schools values ('T1', 'FIX');
insert into person_schools values ('S1', 'FIX');
insert into person_schools values ('S2', 'FIX');
insert into enrollments values ('E1', 'SEC-MWF', 'T1', 'TEACHER', true, date '2026-08-17', date '2026-12-18');
insert into enrollments values ('E2', 'SEC-MWF', 'S1', 'STUDENT', false, date '2026-08-17', date '2026-12-18');
insert into enrollments values ('E3', 'SEC-MWF', 'S2', 'STUDENT', false, date '2026-08-17', date '2026-12-18');
insert into demographics values ('S1', date '2011-09-30', 'female', false, false, false, false, true, false, true, 'US', 'CA', 'San José', null);
insert into demographics values ('T1', date '1980-05-06', 'unknown', null, null, null, null, null, null, null, null, null, null, null);
