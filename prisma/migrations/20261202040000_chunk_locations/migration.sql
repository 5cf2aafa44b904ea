-- Where in its document a chunk came from, for formats that say: the PDF page it starts on, the
-- heading it sits under (DOCX). NULL for formats without pages or headings.
ALTER TABLE chunks ADD COLUMN page INTEGER CHECK (page >= 1);
ALTER TABLE chunks ADD COLUMN heading TEXT;
