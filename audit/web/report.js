// The audit report's inspector: a box's pixels enlarged and what was read
// there, shown on click or hover. Inlined in every report.
(function(){
  const byId = id => document.getElementById(id);
  function show(mark){
    document.querySelectorAll('.selected').forEach(e => e.classList.remove('selected'));
    mark.classList.add('selected');
    byId('hint').hidden = true;
    byId('i-id').textContent = mark.id;
    byId('i-state').textContent = mark.dataset.state;
    byId('i-text').textContent = mark.dataset.text || '(empty)';
    byId('i-confidence').textContent = mark.dataset.confidence + '%';
    byId('i-fields').textContent = mark.dataset.fields || '(a label: feeds no field)';
    if (byId('i-review')) byId('i-review').textContent = mark.dataset.review || '(not reviewed)';
    if (byId('i-ocr')) byId('i-ocr').textContent = mark.dataset.ocr === undefined ? '(no OCR cell here)' : mark.dataset.ocr;
    const zoom = byId('zoom');
    const img = mark.parentElement.querySelector('img');
    if (!img || !img.naturalWidth) { zoom.style.display = 'none'; return; }
    const s = mark.style, f = v => parseFloat(v) / 100;
    const nw = img.naturalWidth, nh = img.naturalHeight;
    const x = f(s.left) * nw, y = f(s.top) * nh, w = f(s.width) * nw, h = f(s.height) * nh;
    const k = Math.min(320 / w, 240 / h, 4);
    zoom.style.display = 'block';
    zoom.style.width = (w * k) + 'px';
    zoom.style.height = (h * k) + 'px';
    zoom.style.backgroundImage = 'url(' + img.src + ')';
    zoom.style.backgroundSize = (nw * k) + 'px ' + (nh * k) + 'px';
    zoom.style.backgroundPosition = (-x * k) + 'px ' + (-y * k) + 'px';
  }
  document.addEventListener('click', e => {
    const link = e.target.closest('a[data-cell]');
    if (link) {
      const mark = byId(link.dataset.cell);
      if (mark) { e.preventDefault(); mark.scrollIntoView({block: 'center'}); show(mark); }
      return;
    }
    const mark = e.target.closest('.cell,.line');
    if (mark) show(mark);
  });
  document.addEventListener('mouseover', e => {
    const mark = e.target.closest('.cell,.line');
    if (mark) show(mark);
  });
  // report.html#p3-c12 opens on that cell.
  const start = location.hash && byId(location.hash.slice(1));
  if (start && start.matches('.cell,.line')) {
    const go = () => { start.scrollIntoView({block: 'center'}); show(start); };
    const img = start.parentElement.querySelector('img');
    if (img && !img.complete) img.addEventListener('load', go); else go();
  }
})();
