-- khaldun store, version 4: indexes for the web API's event filters. The filters compare
-- type, country and stance case-insensitively (COLLATE NOCASE), which the BINARY indexes of
-- version 1 cannot serve; with these a filtered page of 100,000 events reads only its matches.

CREATE INDEX events_type_nocase ON events (event_type COLLATE NOCASE);
CREATE INDEX events_sub_type_nocase ON events (sub_event_type COLLATE NOCASE);
CREATE INDEX events_country_nocase ON events (country_code COLLATE NOCASE);
CREATE INDEX events_stance_nocase ON events (stance COLLATE NOCASE);
