-- 005: a fund's investments one by one (基金投资明细), beside the fund's reported totals in org.
-- A row names its fund by (name, industry) of an org row of type 基金; the triggers keep that
-- reference whole: a fund with investments cannot be deleted, and renaming it carries them along.
CREATE TABLE fund_investment (
	id INTEGER PRIMARY KEY,
	fund TEXT NOT NULL,
	industry TEXT NOT NULL REFERENCES industry(id),
	investee TEXT NOT NULL,
	investee_uscc TEXT,
	date TEXT NOT NULL,
	amount REAL NOT NULL,
	round TEXT,
	district TEXT REFERENCES district(id),
	note TEXT,
	source TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
	UNIQUE (fund, industry, investee, date)
) STRICT;
CREATE INDEX fund_investment_industry ON fund_investment (industry);

CREATE TRIGGER fund_investment_keep_fund BEFORE DELETE ON org
WHEN OLD.type = '基金' AND EXISTS (SELECT 1 FROM fund_investment
                                   WHERE fund = OLD.name AND industry = OLD.industry)
BEGIN
	SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: the fund has investments');
END;

CREATE TRIGGER fund_investment_follow_fund AFTER UPDATE OF name, industry ON org
WHEN OLD.type = '基金' AND NEW.type = '基金'
BEGIN
	UPDATE fund_investment SET fund = NEW.name, industry = NEW.industry
	WHERE fund = OLD.name AND industry = OLD.industry;
END;
