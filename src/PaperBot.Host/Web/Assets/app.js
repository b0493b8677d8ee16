// PaperBot's web page. Everything shown is built with createElement/textContent: paper text and user text are
// untrusted and never parsed as HTML. No build step; served as is by `paperbot serve`.
'use strict';

(() => {
  const form = document.getElementById('ask-form');
  const input = document.getElementById('question');
  const askButton = document.getElementById('ask-button');
  const transcript = document.getElementById('transcript');
  const intro = document.getElementById('intro');
  const status = document.getElementById('status');
  const panel = document.getElementById('paper-panel');
  const paperTitle = document.getElementById('paper-title');
  // The conversation lives as long as the page: a reload starts afresh, as the transcript does.
  let conversation = null;
  let busy = false;
  let openedFrom = null;
  let shownPaper = null;

  const BASIS = {
    'abstracts': 'the papers\u2019 abstracts',
    'metadata': 'the listing metadata (authors, organisations, dates)',
    'full-text-needed': 'not enough: this needs the full papers, which are not in the corpus',
    'abstained': 'nothing: no paper in the list is about this',
  };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function say(message) {
    status.textContent = message;
  }

  function paperLink(id, text, label) {
    const a = el('a', 'paper-link', text);
    a.href = '/papers/' + encodeURIComponent(id);
    a.dataset.paper = id;
    if (label) a.setAttribute('aria-label', label);
    return a;
  }

  function citationMarks(numbers, sources) {
    const span = el('span', 'cites');
    for (const n of numbers || []) {
      const source = (sources || []).find(s => s.n === n);
      span.append(' ');
      span.append(source ? paperLink(source.id, '[' + n + ']', 'source ' + n + ': ' + source.title) : el('span', 'cite-pending', '[' + n + ']'));
    }
    return span;
  }

  function sentenceNode(tag, sentence, sources) {
    const node = el(tag, 'sentence');
    node.append(document.createTextNode(sentence.text));
    if (sentence.citations && sentence.citations.length) node.append(citationMarks(sentence.citations, sources));
    return node;
  }

  function safeUrl(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch {
      return null;
    }
  }

  function externalLink(url, label) {
    const href = safeUrl(url);
    if (!href) return null;
    const out = el('a', 'external', 'link');
    out.href = href;
    out.rel = 'noopener noreferrer nofollow';
    out.target = '_blank';
    out.setAttribute('aria-label', 'external link for ' + label + ' (opens a new tab)');
    return out;
  }

  // A paper as the reply shows it: [n], its title opening the paper view, id and date, its link, and the reply's
  // actions on it (the title already is "Abstract").
  function paperLine(container, paper, actionsByPaper) {
    if (paper.n) container.append(el('span', 'n', '[' + paper.n + '] '));
    const title = paperLink(paper.id, paper.title);
    title.classList.add('paper-title');
    container.append(title);
    container.append(el('span', 'source-meta', ' \u00b7 ' + paper.id + (paper.date ? ' \u00b7 ' + paper.date : '')));
    const out = externalLink(paper.url, paper.title);
    if (out) container.append(' ', out);
    const actions = actionsByPaper.get(paper.id);
    if (actions) {
      actionsByPaper.delete(paper.id); // each paper's buttons once, where it first appears
      const row = el('span', 'actions');
      actions.kinds.forEach((kind, i) => {
        if (kind === 'Abstract') return;
        const button = el('button', 'action', kind === 'Similar' ? 'Similar papers' : 'Ask about this paper');
        button.type = 'button';
        button.dataset.action = actions.payloads[i];
        button.dataset.label = (kind === 'Similar' ? 'Papers like: ' : 'Ask about: ') + paper.title;
        button.setAttribute('aria-label', button.textContent + ': ' + paper.title);
        row.append(button);
      });
      if (row.childElementCount) container.append(' ', row);
    }
  }

  function renderBlock(box, block, reply, actionsByPaper) {
    if (block.block === 'prose') {
      if (block.linePerSentence) {
        const ul = el('ul', 'lines');
        for (const s of block.sentences) ul.append(sentenceNode('li', s, reply.sources));
        box.append(ul);
      } else {
        const p = el('p', 'prose');
        block.sentences.forEach((s, i) => {
          if (i > 0) p.append(' ');
          p.append(sentenceNode('span', s, reply.sources));
        });
        box.append(p);
      }
    } else if (block.block === 'list') {
      if (block.lead) box.append(el('p', 'lead', block.lead));
      const ol = el('ol', 'paper-list');
      for (const item of block.items) {
        const li = el('li');
        paperLine(li, { n: item.n, id: item.paperId, title: item.title, date: item.date, url: item.url }, actionsByPaper);
        if (item.why) li.append(el('p', 'why', item.why));
        if (item.facts && item.facts.length) li.append(el('p', 'facts', item.facts.join(' \u00b7 ')));
        ol.append(li);
      }
      box.append(ol);
      if (block.closing) box.append(el('p', 'closing', block.closing));
    } else if (block.block === 'comparison') {
      if (block.lead) box.append(el('p', 'lead', block.lead));
      const grid = el('div', 'comparison');
      for (const side of [block.left, block.right]) {
        const column = el('section', 'side');
        const head = el('h4');
        paperLine(head, { n: side.n, id: side.paperId, title: side.title, date: side.date, url: side.url }, actionsByPaper);
        column.append(head);
        const dl = el('dl', 'meta-list');
        metaRow(dl, 'Method', side.method);
        metaRow(dl, 'Result', side.result);
        column.append(dl);
        grid.append(column);
      }
      box.append(grid);
      if (block.shared && block.shared.length) {
        const p = el('p', 'prose');
        block.shared.forEach((s, i) => {
          if (i > 0) p.append(' ');
          p.append(sentenceNode('span', s, reply.sources));
        });
        box.append(p);
      }
    } else if (block.block === 'paper') {
      const head = el('h4', 'paper-heading');
      paperLine(head, { id: block.paperId, title: block.title, url: block.url }, actionsByPaper);
      box.append(head);
      const dl = el('dl', 'meta-list');
      for (const fact of block.facts || []) metaRow(dl, fact.label, fact.value);
      box.append(dl);
      box.append(el('p', 'abstract', block.abstract));
    }
  }

  function renderReply(box, reply) {
    box.replaceChildren();
    box.classList.toggle('problem', reply.kind === 'problem');
    box.append(el('p', 'who', 'PaperBot'));
    if (reply.takenAs) box.append(el('p', 'taken-as', 'Taken as: \u201c' + reply.takenAs + '\u201d'));
    if (reply.heading) box.append(el('h3', 'reply-heading', reply.heading));
    const actionsByPaper = new Map((reply.actions || []).map(a => [a.paperId, a]));
    for (const block of reply.blocks || []) renderBlock(box, block, reply, actionsByPaper);
    if (reply.unlistedSources && reply.unlistedSources.length) {
      box.append(el('h4', 'sources-heading', 'Sources'));
      const ol = el('ol', 'sources');
      for (const s of reply.unlistedSources) {
        const li = el('li');
        paperLine(li, s, actionsByPaper);
        ol.append(li);
      }
      box.append(ol);
    }
    if (reply.kind === 'answer') {
      const basis = el('p', 'basis basis-' + reply.basis);
      basis.append(el('strong', null, 'Rests on: '));
      basis.append(BASIS[reply.basis] || 'nothing');
      if (reply.mode) basis.append(el('span', 'mode', reply.mode === 'llm' ? ' \u00b7 written by the language model, citations checked' : ' \u00b7 sentences quoted from the abstracts (no language model)'));
      box.append(basis);
      if (reply.basisLine) box.append(el('p', 'basis-line', reply.basisLine));
      if (reply.note) box.append(el('p', 'note', reply.note));
    } else if (reply.footer) {
      box.append(el('p', 'footer', reply.footer));
    }
    box.dataset.state = 'done';
    box.removeAttribute('aria-busy');
  }

  // Shows a finished answer down to what it rests on, clear of the question box pinned below it; an answer taller
  // than the space left is shown from its start instead, so reading begins at its first sentence.
  function reveal(box) {
    const room = window.innerHeight - form.offsetHeight;
    box.style.scrollMarginBottom = form.offsetHeight + 16 + 'px';
    box.scrollIntoView({ block: box.offsetHeight + 16 <= room ? 'end' : 'start' });
  }

  function showProblem(box, message) {
    box.replaceChildren(el('p', 'who', 'PaperBot'), el('p', null, message));
    box.classList.add('problem');
    box.dataset.state = 'failed';
    box.removeAttribute('aria-busy');
  }

  function addTurn(question) {
    intro.hidden = true;
    const li = el('li', 'turn');
    const q = el('div', 'question');
    q.append(el('p', 'who', 'You'), el('p', 'question-text', question));
    const a = el('div', 'answer');
    a.dataset.state = 'streaming';
    a.setAttribute('aria-busy', 'true');
    a.append(el('p', 'who', 'PaperBot'));
    const streaming = el('p', 'prose streaming');
    streaming.append(el('span', 'thinking', 'Looking through the papers\u2026'));
    a.append(streaming);
    li.append(q, a);
    transcript.append(li);
    li.scrollIntoView({ block: 'end' });
    return { box: a, streaming };
  }

  async function ask(question, action) {
    if (busy || !question.trim()) return;
    busy = true;
    askButton.disabled = true;
    const { box, streaming } = addTurn(question);
    say('Answering\u2026');
    let gotSentence = false;
    try {
      const response = await fetch('/api/web/ask', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream' },
        credentials: 'same-origin',
        body: JSON.stringify(action ? { conversation, action } : { question, conversation }),
      });
      if (!response.ok || !response.body) {
        const problem = await response.json().catch(() => ({}));
        showProblem(box, problem.message || 'The server answered ' + response.status + '.');
        say(problem.message || 'The question failed.');
        return;
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      let finished = false;
      const handle = frame => {
        let name = 'message';
        let data = '';
        for (const line of frame.split('\n')) {
          if (line.startsWith('event: ')) name = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        const payload = data ? JSON.parse(data) : {};
        if (name === 'start') {
          conversation = payload.conversation;
        } else if (name === 'sentence') {
          if (!gotSentence) streaming.replaceChildren();
          else streaming.append(' ');
          gotSentence = true;
          streaming.append(sentenceNode('span', payload, null));
        } else if (name === 'reply') {
          renderReply(box, payload);
          reveal(box);
          finished = true;
          const n = (payload.sources || []).length;
          say(payload.kind === 'answer' ? 'Answered' + (n ? ' with ' + n + (n === 1 ? ' source.' : ' sources.') : '.') : 'Done.');
        } else if (name === 'problem') {
          showProblem(box, payload.message);
          finished = true;
          say(payload.message);
        }
      };
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          handle(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      if (!finished) {
        showProblem(box, 'The answer was cut off; please ask again.');
        say('The answer was cut off.');
      }
    } catch (e) {
      showProblem(box, 'Could not reach PaperBot (' + e.message + ').');
      say('Could not reach PaperBot.');
    } finally {
      busy = false;
      askButton.disabled = false;
    }
  }

  function metaRow(dl, term, value) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return;
    dl.append(el('dt', null, term));
    const dd = el('dd');
    if (value instanceof Node) dd.append(value);
    else dd.textContent = String(value);
    dl.append(dd);
  }

  async function openPaper(id, opener, push) {
    openedFrom = opener || openedFrom;
    shownPaper = id;
    panel.hidden = false;
    document.body.classList.add('with-paper');
    const problem = document.getElementById('paper-problem');
    const meta = document.getElementById('paper-meta');
    const abstract = document.getElementById('paper-abstract');
    const sources = document.getElementById('paper-sources');
    paperTitle.textContent = 'Loading paper ' + id + '\u2026';
    problem.hidden = true;
    meta.replaceChildren();
    abstract.textContent = '';
    sources.replaceChildren();
    panel.dataset.state = 'loading';
    if (push) history.pushState({ paper: id }, '', '/papers/' + encodeURIComponent(id));
    paperTitle.focus();
    try {
      const response = await fetch('/api/web/papers/' + encodeURIComponent(id), { credentials: 'same-origin' });
      const paper = await response.json();
      if (shownPaper !== id) return;
      if (!response.ok) {
        paperTitle.textContent = 'Paper ' + id;
        problem.textContent = paper.message || 'That paper could not be loaded.';
        problem.hidden = false;
        panel.dataset.state = 'failed';
        return;
      }
      paperTitle.textContent = paper.title + (paper.titleDerived ? ' (untitled in the listings; title derived)' : '');
      metaRow(meta, 'Id', paper.id);
      if (paper.authors && paper.authors.length) metaRow(meta, 'Authors', paper.authors.join(', ') + (paper.authorsComplete === false ? ' et al.' : ''));
      else if (paper.authorCount) metaRow(meta, 'Authors', paper.authorCount + ' (names not in the listing)');
      metaRow(meta, 'Organisations', (paper.orgs || []).join(', '));
      metaRow(meta, 'Date', paper.date);
      metaRow(meta, 'Upvotes', paper.upvotes);
      if (paper.category) metaRow(meta, 'Category', paper.category + (paper.score !== undefined && paper.score !== null ? ' (score ' + paper.score + ')' : ''));
      if (paper.hasCode) metaRow(meta, 'Code', 'available');
      if (paper.links && paper.links.length) {
        const links = el('span');
        paper.links.forEach((url, i) => {
          if (i > 0) links.append(' ');
          const a = el('a', 'external', url);
          a.href = url;
          a.rel = 'noopener noreferrer nofollow';
          a.target = '_blank';
          links.append(a);
        });
        metaRow(meta, 'Links', links);
      }
      abstract.textContent = paper.abstract;
      for (const s of paper.sources || []) sources.append(el('li', null, s.file + ', line ' + s.line));
      panel.dataset.state = 'done';
      say('Showing ' + paper.title);
    } catch (e) {
      problem.textContent = 'Could not load the paper (' + e.message + ').';
      problem.hidden = false;
      panel.dataset.state = 'failed';
    }
  }

  function closePaper(push) {
    if (panel.hidden) return;
    panel.hidden = true;
    shownPaper = null;
    document.body.classList.remove('with-paper');
    if (push) history.pushState({}, '', '/');
    const back = openedFrom && document.contains(openedFrom) ? openedFrom : input;
    openedFrom = null;
    back.focus();
  }

  function paperFromLocation() {
    const match = /^\/papers\/([^/]+)$/.exec(location.pathname);
    return match ? decodeURIComponent(match[1]) : null;
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) {
      say('Type a question first.');
      input.focus();
      return;
    }
    input.value = '';
    ask(question);
  });

  input.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  document.addEventListener('click', event => {
    const link = event.target.closest('a.paper-link');
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
      event.preventDefault();
      openPaper(link.dataset.paper, link, true);
      return;
    }
    const suggestion = event.target.closest('button.suggestion');
    if (suggestion) ask(suggestion.textContent);
    const action = event.target.closest('button.action');
    if (action) {
      // After "Ask about this paper" the next thing to do is type the question.
      const then = action.dataset.action.startsWith('pb:ask:') ? () => input.focus() : () => {};
      ask(action.dataset.label, action.dataset.action).then(then);
    }
  });

  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && !panel.hidden) closePaper(true);
  });

  document.getElementById('close-paper').addEventListener('click', () => closePaper(true));
  document.getElementById('paper-similar').addEventListener('click', () => {
    if (shownPaper) {
      const id = shownPaper;
      closePaper(true);
      ask('similar ' + id);
    }
  });

  document.getElementById('new-conversation').addEventListener('click', () => {
    conversation = null;
    transcript.replaceChildren();
    intro.hidden = false;
    closePaper(true);
    say('Started a new conversation.');
    input.focus();
  });

  window.addEventListener('popstate', () => {
    const id = paperFromLocation();
    if (id) openPaper(id, null, false);
    else closePaper(false);
  });

  const initial = paperFromLocation();
  if (initial) openPaper(initial, null, false);
})();
