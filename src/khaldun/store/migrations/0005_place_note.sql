-- khaldun store, version 5: a place mention's note, saying why it is placed where it is
-- when that is not its own gazetteer entry ("not in gazetteer; placed at Aleppo, the place
-- the text puts it near", "spelling variant of Tall Rif'at").

ALTER TABLE places ADD COLUMN note TEXT;
