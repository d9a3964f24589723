// Start a mock interview: the problem (blank, keeping the open design, or one of the templates,
// listed from the template list so new ones appear by themselves), a free-text prompt the candidate
// reads, and the length (45 / 60 minutes or any other). Bad input is named and nothing is lost.
import { useEffect, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { useFilesStore } from '../files/filesStore';
import { openTemplate, refreshLists } from '../files/fileFlows';
import { useDesignStore } from '../store/designStore';
import { INTERVIEW_LENGTHS_MIN, lengthProblem } from '../../shared/interview/phases';
import { startInterview, useInterviewUi } from './interviewStore';

const close = () => useInterviewUi.setState({ startDialogOpen: false });

export function StartInterviewDialog() {
  const open = useInterviewUi((state) => state.startDialogOpen);
  return open ? <StartInterviewForm /> : null;
}

function StartInterviewForm() {
  const templates = useFilesStore((state) => state.templates);
  const [problem, setProblem] = useState('blank');
  const [prompt, setPrompt] = useState('');
  const [length, setLength] = useState<string>('45');
  const [customLength, setCustomLength] = useState('30');
  const [problemText, setProblemText] = useState<string | null>(null);
  useEffect(() => {
    if (templates.length === 0) void refreshLists().catch(() => undefined);
  }, [templates.length]);

  const start = async () => {
    const minutes = length === 'custom' ? customLength : length;
    const lengthIssue = lengthProblem(minutes);
    if (lengthIssue) return setProblemText(lengthIssue);
    if (problem === 'blank' && prompt.trim() === '')
      return setProblemText(
        'Write the problem the candidate is asked (the prompt), e.g. “Design a URL shortener”.',
      );
    const template = templates.find((entry) => entry.name === problem);
    if (template) {
      const before = useDesignStore.getState().design;
      await openTemplate(template.name, template.title);
      if (useDesignStore.getState().design === before) return; // cancelled, or the template failed to open
    }
    startInterview({
      prompt: prompt.trim() || (template ? `Design: ${template.title}` : ''),
      problem: template ? template.name : 'blank',
      lengthMin: Number(minutes),
    });
  };

  return (
    <Dialog
      title="Start a mock interview"
      testId="interview-start-dialog"
      onClose={close}
      width={560}
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            data-testid="interview-start"
            onClick={() => void start()}
          >
            Start interview
          </button>
        </>
      }
    >
      <div className="interview-form">
        <label className="interview-field">
          <span>Problem</span>
          <select
            data-testid="interview-problem"
            value={problem}
            onChange={(event) => setProblem(event.target.value)}
          >
            <option value="blank">Blank canvas (keep the open design) with the prompt below</option>
            {templates.map((template) => (
              <option key={template.name} value={template.name}>
                {template.title}
              </option>
            ))}
          </select>
        </label>
        <label className="interview-field">
          <span>Prompt the candidate reads</span>
          <textarea
            data-testid="interview-prompt"
            rows={3}
            value={prompt}
            placeholder="Design a URL shortener for 10,000 concurrent users…"
            onChange={(event) => setPrompt(event.target.value)}
          />
        </label>
        <fieldset className="interview-field interview-lengths">
          <legend>Length</legend>
          {[...INTERVIEW_LENGTHS_MIN.map(String), 'custom'].map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="interview-length"
                data-testid={`interview-length-${value}`}
                checked={length === value}
                onChange={() => setLength(value)}
              />
              {value === 'custom' ? 'Other:' : `${value} min`}
            </label>
          ))}
          <input
            className="interview-custom-length"
            data-testid="interview-length-minutes"
            aria-label="Length in minutes"
            value={customLength}
            disabled={length !== 'custom'}
            onChange={(event) => setCustomLength(event.target.value)}
          />
          <span>min</span>
        </fieldset>
        {problemText && (
          <p className="interview-problem-text" role="alert" data-testid="interview-start-problem">
            {problemText}
          </p>
        )}
      </div>
    </Dialog>
  );
}
