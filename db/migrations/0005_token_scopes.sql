-- Token scopes became ingest, read, judge, label and admin (access control): the old `write` scope covered
-- uploads, imports and judge runs, so it becomes `ingest` and `judge`.
UPDATE `api_tokens` SET `scopes` = replace(`scopes`, '"write"', '"ingest","judge"') WHERE `scopes` LIKE '%"write"%';
